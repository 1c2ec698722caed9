A fresh clone becomes a running ZUMO Netzwerk site with `make run` (Plone 6.2.2, Classic UI, German, Europe/Berlin) and a green suite with `make test`.
