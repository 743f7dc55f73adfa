"""Geography: GeoNames import into a SQLite gazetteer, the compact default, the geoparser."""
