"""followup: follow-up and implementation of intergovernmental mandates and recommendations."""

__version__ = "0.1.0"
