"""The lab: headless bot games for balance (simulate), speed figures (bench) and what-if fans.

It plays through the record layer's one match loop and never imports the UI or the
command line; its modules are imported on demand so that ``sidra --help`` stays fast.
"""
