"""Sidra's shipped data: the starter of ``sidra new`` here, and the scenarios, assets and
seeds as the subpackages ``scenarios``, ``assets`` and ``seeds`` (the top-level folders of
the source tree, mapped here by ``pyproject.toml``); read them through ``game.resources``."""
