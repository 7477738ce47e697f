"""The pieces of the Deliverable tab: section list, branding dialog, export worker and the
PDF preview. The page itself is :mod:`ui.pages.deliverable_page`."""
