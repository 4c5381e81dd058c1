"""Errors the CLI reports as one line and a non-zero exit (anything else is a bug)."""


class NewsfactsError(Exception):
    exit_code = 1


class WarehouseBusy(NewsfactsError):
    exit_code = 3


class DbtBuildFailed(NewsfactsError):
    exit_code = 4


class StrictModeRejects(NewsfactsError):
    exit_code = 5
