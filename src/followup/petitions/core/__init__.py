"""The plain-Python core of petitions: no Django here, so it can be tested on data alone."""
