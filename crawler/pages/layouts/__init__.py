"""The Inquirer layouts, one file each; each declares its fields once, as a table.

Tried in order; the first whose ``matches(html)`` is true reads the page. AMP and live
blogs are served by the default theme, so they come first; the default theme's own ids
(#article_level_wrap, #art_body_wrap, #FOR_target_content) appear in no subdomain theme.
"""

from __future__ import annotations

from crawler.pages.layouts.amp import InquirerAmpPage
from crawler.pages.layouts.bandera import InquirerBanderaPage
from crawler.pages.layouts.cebudailynews import InquirerCdnPage
from crawler.pages.layouts.default import InquirerDefaultPage
from crawler.pages.layouts.lifestyle import InquirerLifestylePage
from crawler.pages.layouts.liveblog import InquirerLiveBlogPage
from crawler.pages.layouts.pop import InquirerPopPage

INQUIRER_LAYOUTS = (
    InquirerAmpPage,
    InquirerLiveBlogPage,
    InquirerDefaultPage,
    InquirerLifestylePage,
    InquirerPopPage,
    InquirerBanderaPage,
    InquirerCdnPage,
)

__all__ = [
    "INQUIRER_LAYOUTS",
    "InquirerAmpPage",
    "InquirerBanderaPage",
    "InquirerCdnPage",
    "InquirerDefaultPage",
    "InquirerLifestylePage",
    "InquirerLiveBlogPage",
    "InquirerPopPage",
]
