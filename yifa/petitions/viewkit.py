"""The action-view runner of 信访 and 政府信息公开 now lives in core (``yifa.core.actionviews``); the
views still import it from here until their next edit moves the import."""

from yifa.core.actionviews import form_errors, run_action

__all__ = ["form_errors", "run_action"]
