// Module Agents: see DESIGN.md §1.
