"""A footer that rebuilds only when the keys it shows change.

Textual's Footer recomposes on every focus change, which costs tens of
milliseconds per keystroke; moving between panes that show the same keys
should cost nothing.
"""
from __future__ import annotations

from textual.widgets import Footer


class StableFooter(Footer):
    _shown: tuple = ()

    def bindings_changed(self, screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
