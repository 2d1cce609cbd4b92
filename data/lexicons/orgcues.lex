# Words that end (or start) the names of organizations: a capitalized
# phrase ending in one of them is an organization.  The sector is what an
# organization so named usually is, when the name says no more (CAMEO
# sector codes, docs/actors.md).
# Format: WORD | WORD ... => orgcue [sector=CODE]
Forces | Force | Army | Brigade | Brigades | Battalion | Battalions | Corps | Guard | Guards | Command | Navy | Air Force => orgcue sector=MIL
Militia | Militias | Front | Movement | Liberation Army => orgcue sector=REB
Party => orgcue sector=PTY
Ministry | Department | Agency | Authority | Commission | Office | Cabinet | Government | Presidency => orgcue sector=GOV
Council | Committee => orgcue
Assembly | Parliament | Congress | Senate => orgcue sector=LEG
Court | Tribunal => orgcue sector=JUD
Police | Gendarmerie => orgcue sector=COP
Bank | Company | Corporation | Group | Inc. | Ltd | Corp. | Co. => orgcue sector=BUS
University | Institute | School | College => orgcue sector=EDU
Organization | Organisation | Union | Alliance | Coalition | League | Association | Federation | Service | Services => orgcue
