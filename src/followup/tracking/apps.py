from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "followup.tracking"
    verbose_name = "Follow-up tracking"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_delete, post_save

        from followup.corpus.models import Item, ItemLabel
        from followup.corpus.signals import labels_changed

        from . import ratelimit
        from .actions import on_item_saved, on_label_saved_or_deleted, on_labels_changed

        # Every sign-in path goes through authenticate(), so every path is counted.
        user_login_failed.connect(ratelimit.on_login_failed, dispatch_uid="signin-throttle")
        user_logged_in.connect(ratelimit.on_logged_in, dispatch_uid="signin-throttle")
        post_save.connect(on_item_saved, sender=Item, dispatch_uid="status-instrument")
        # Statuses repeat their item's labels (compliance by theme and pillar): kept in step.
        labels_changed.connect(on_labels_changed, dispatch_uid="status-labels")
        for signal in (post_save, post_delete):
            signal.connect(on_label_saved_or_deleted, sender=ItemLabel, dispatch_uid="status-label")
