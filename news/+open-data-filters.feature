CSV, JSON, GeoJSON and the RSS feed of the practice examples take the finder's parameters (search term, filters, sort) and give exactly what the finder lists.
