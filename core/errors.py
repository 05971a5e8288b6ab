"""Errors a user can cause or fix.

They carry one clear sentence; the CLI and the dashboard show it as it is and
exit or carry on, and never print a traceback for them.
"""


class UserError(Exception):
    """A problem with the input, the store or the environment, said in one sentence."""


class StoreError(UserError):
    """The store cannot be opened or written; it has been left as it was."""
