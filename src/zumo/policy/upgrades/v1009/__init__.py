"""Upgrade step 1009: the caching rules of the cluster mode (an
``upgradeDepends`` in ``configure.zcml``)."""
