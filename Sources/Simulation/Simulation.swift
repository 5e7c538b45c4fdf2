// Module Simulation: see DESIGN.md §1.
