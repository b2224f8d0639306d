"""Loaded by every Python subprocess the tests start: installs the network guard."""

import os

if os.environ.get("CRAWLER_NETGUARD") == "1":
    import netguard

    netguard.install()
