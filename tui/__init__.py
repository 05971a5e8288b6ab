"""ceasetalk's user interfaces: the Textual dashboard and the headless CLI."""
