// Module Pricing: see DESIGN.md §1.
