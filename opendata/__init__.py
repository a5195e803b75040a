"""The guide as open data, in the national schema of aid schemes (etalab ``dispositif-aide``
v0.2.0, extension ``professionnels``): records, files, the dataset page. See docs/open-data.md.
"""
