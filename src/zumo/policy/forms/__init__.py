"""The forms at ``/mitmachen`` (collective.easyform) and the network's own
actions."""
