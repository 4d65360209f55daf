"""The public catalogue of certified products (trade promotion, seed plan II.7), with where to buy them.

- `models`: product photos, points of sale, fairs and the products they show;
- `queries`: the products holding a valid certificate today, searched and filtered in SQL;
- `operations`: photos, points of sale and fairs, by the offices of their units;
- `pages` (`catalogue` blueprint): the public pages, no sign-in; `routes` (`catalogue_api`): the JSON API;
- `caching`: ETag and Cache-Control of the public answers.
"""
