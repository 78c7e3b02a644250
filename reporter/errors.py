"""Error classes. Usage and configuration errors stop the run with a fix-it message (the CLI turns
them into exit code 2); a bad input item is a ``Problem`` record instead, never an exception."""


class ReporterError(Exception):
    """Base class for errors the command line reports as a message, without a traceback."""


class ConfigError(ReporterError):
    """A setting is unknown or has a bad value. The message names the allowed values."""


class InputError(ReporterError):
    """No usable input at all (a path that does not exist, an empty story)."""
