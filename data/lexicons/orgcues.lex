# Words that end (or start) the names of organizations: a capitalized
# phrase ending in one of them is an organization.
# Format: WORD ... => orgcue
Council | Forces | Force | Army | Front | Brigade | Brigades | Battalion | Corps | Guard | Guards | Militia | Movement | Party | Ministry | Department | Agency | Authority | Commission | Committee | Organization | Organisation | Union | Alliance | Coalition | League | Association | Federation | Institute | University | Bank | Company | Corporation | Group | Court | Assembly | Parliament | Congress | Senate | Police | Service | Services | Office | Command => orgcue
