"""The widgets of the Send step, one concern each; ``ui.send_page`` puts them together."""
