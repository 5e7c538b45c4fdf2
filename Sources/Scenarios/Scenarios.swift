// Module Scenarios: see DESIGN.md §1.
