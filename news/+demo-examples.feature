The demo network's 60 practice examples are now 60 different projects, each in its own municipality, instead of 20 ideas repeated in three places.
