"""The directory: administrative units, producing entities, products, product groups and councils."""
