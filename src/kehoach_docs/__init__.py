"""kehoach-docs: a commune's reform plan and one-stop records as official Word documents."""

__version__ = "0.1.0"
