"""Petitions, precautionary measures and friendly settlements: intake, stages, triage, compliance.

``core`` holds the plain-Python parts (the stage machine, triage scores, urgency cues, figures)
that are tested on data alone; the Django app around it stores files and serves pages and API.
"""
