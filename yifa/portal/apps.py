from django.apps import AppConfig


class PortalConfig(AppConfig):
    """公众门户: the public window. Modules add their sections through ``portal_sections``."""

    name = "yifa.portal"
    label = "portal"
    verbose_name = "公众门户"
