"""Errors a user can cause or fix.

They carry one clear sentence; the CLI and the dashboard show it as it is and
exit or carry on, and never print a traceback for them.
"""


class UserError(Exception):
    """A problem with the input, the store or the environment, said in one sentence.

    The sentence often names a file or a URL from outside, so it is sanitised when shown.
    """

    def __str__(self) -> str:
        from .sanitize import one_line

        return one_line(super().__str__())


class StoreError(UserError):
    """The store cannot be opened or written; it has been left as it was."""
