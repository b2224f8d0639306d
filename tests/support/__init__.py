"""Test helpers: network guard, servers, factories, faults, clock, waits."""
