"""Runs wapiti 3.0.4 (Debian bookworm) with two mends, so a scan works and stays on this machine.

- Its -x/--exclude patterns end in `\\Z(?ms)`, inline flags that Python 3.11 refuses anywhere but at the start
  ("global flags not at the start of the expression"): any -x crashed the crawl. Same translation, flags first.
- Every module is loaded whatever -m says, and the wapp module then downloads its database from the internet.
  It is not used, so it is not loaded.
"""
import re
import sys

from wapitiCore.attack import attack
from wapitiCore.main.wapiti import wapiti_main
from wapitiCore.net import crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + ".*".join(re.escape(part) for part in pattern.split("*")) + r"\Z")


crawler.wildcard_translate = wildcard_translate
attack.modules.remove("mod_wapp")
sys.exit(wapiti_main())
