"""Command palette entries for the dashboard, namespaced ("pane: Figures", "export: ...").

Imported only when the palette opens.
"""
from __future__ import annotations

from textual.command import Hit, Hits, Provider


class DashboardCommands(Provider):
    """Palette commands, namespaced: "pane: Figures", "export: snapshot to Markdown"."""

    def commands(self) -> list[tuple[str, object, str]]:
        from .app import PANES

        app = self.app
        found = [(f"pane: {cls.NAME}", lambda k=key: app.action_focus_pane(k), f"go to pane {cls.DIGIT}")
                 for key, cls in PANES.items()]
        found += [
            ("export: snapshot to Markdown", app.action_export, "write what the dashboard shows to a .md file"),
            ("view: hide or show background records", app.action_toggle_background, "recaps of the past"),
            ("view: hide or show dismissed records", app.action_toggle_dismissed, "records you dismissed"),
            ("view: show or hide the detail panel", app.action_toggle_detail, "the row under the cursor, in full"),
            ("view: next confidence threshold", app.action_cycle_min_confidence,
             "hide unreviewed records the extractor is less sure of"),
            ("review: undo the last review", app.action_undo, "several levels"),
            ("add: article", app.action_add_article, "a file, a folder or a URL"),
            ("help: keys", app.action_help, "keys of the focused pane and of the dashboard"),
        ]
        for reference, label in app.available_profiles():
            found.append((f"profile: extract again with {label}", lambda r=reference: app.confirm_reextract(r),
                          "asks first: every record is extracted again with this profile"))
        return found

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield Hit(1.0, name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
