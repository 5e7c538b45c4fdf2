// Module Experiments: see DESIGN.md §1.
