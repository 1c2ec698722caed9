"""Expert reviews: their experts and confidentiality, the reviewed team,
who hears what."""
