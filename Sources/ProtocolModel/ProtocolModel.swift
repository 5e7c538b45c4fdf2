// Module ProtocolModel: see DESIGN.md §1.
