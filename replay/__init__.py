"""A local replay of inquirer.net on loopback: the demo's data and the tests' site."""

from replay.server import ReplayServer, start_outlets, start_replay

__all__ = ["ReplayServer", "start_outlets", "start_replay"]
