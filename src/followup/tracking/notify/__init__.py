"""Notifications: events of the tracking workflow told to the people concerned.

An action that causes an event calls ``delivery.emit(event, actor=..., report=...)`` inside its
transaction. Once the transaction commits, the event is delivered, through the job queue when
one is configured (``FOLLOWUP_JOBS_QUEUE``), else at once in the same process: ``events``
decides whom it tells (the rule of each event, then ``followup.policy`` for each person), each
person's choices (``NotificationChoice``) pick the channels, and the message is written in the
person's language (``Profile.language``, else the site's) from the templates under
``tracking/notify/email/``: a notice in their list in the site (``Notification``) and an
e-mail through Django's mail backend.

People follow items, countries and instruments (``Follow``) to be told of the reports on them.
"""
