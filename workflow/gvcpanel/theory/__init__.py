"""Analytical models solved numerically: Liu (2013)'s task dynamics (:mod:`gvcpanel.theory.liu`)."""
