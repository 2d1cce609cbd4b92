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
# Companies: the legal forms and words that end company names ("Jones
# Medical Industries Inc", "Pirelli SpA", "Boatmen's Bancshares"); a name
# that ends so is an organization whatever the tagger says.
Inc | Corp | Ltd | Plc | PLC | SpA | S.p.A. | AG | SA | S.A. | NV | N.V. | BV | AB | ASA | GmbH | LLC | Holdings | Industries | Bancorp | Bancshares | Airlines | Airways | Motors | Enterprises | Technologies | Pharmaceuticals | Laboratories | Securities | Brewery | Breweries | Mining | Petroleum => orgcue sector=BUS type=ORG
# Newspapers, news agencies and broadcasters ("the Washington Post":
# a name that ends so is an organization whatever the tagger says)
Times | Post | Herald | Journal | Gazette | Tribune | Chronicle | Telegraph | Newspaper | News Agency | Press Agency | Television | Broadcasting Corporation | Broadcasting Corp => orgcue sector=MED type=ORG
