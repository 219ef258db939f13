"""The consultation portal: consultations and calls, proposals, debate, supports, projects."""
