# Titles and roles that stand before or after a person's name.
# Format: TITLE | ABBREVIATION ... => title [sector=SECTOR]    (before a name)
#         ROLE ... => personrole [sector=SECTOR]               (a person's role)
President | Pres. => title sector=GOV
Vice President => title sector=GOV
Prime Minister | PM => title sector=GOV
Minister | Foreign Minister | Defence Minister | Defense Minister | Interior Minister | Vice Foreign Minister | Deputy Minister | Deputy Prime Minister | Chancellor => title sector=GOV
Secretary | Defence Secretary | Defense Secretary | Foreign Secretary | Home Secretary | Treasury Secretary => title sector=GOV
Secretary of State | Secretary-General | Secretary General => title sector=GOV
# a reigning monarch heads the state (CAMEO codes King Hussein JORGOV); other royals are elites
King | Emir | Sultan => title sector=GOV
Queen | Prince | Crown Prince | Sheikh => title sector=ELI
Governor | Gov. | Mayor => title sector=GOV
Senator | Sen. | Representative | Rep. | Congressman | Congresswoman => title sector=LEG
General | Gen. | Lieutenant General | Lt. Gen. | Major General | Maj. Gen. | Brigadier General | Brig. Gen. => title sector=MIL
Colonel | Col. | Lieutenant Colonel | Lt. Col. | Major | Maj. | Captain | Capt. | Lieutenant | Lt. | Sergeant | Sgt. | Corporal | Cpl. | Private | Pvt. | Brigadier | Brig. => title sector=MIL
Admiral | Adm. | Commander | Cmdr. | Field Marshal | Marshal => title sector=MIL
Judge | Justice => title sector=JUD
Imam | Ayatollah | Rabbi | Pope | Bishop | Archbishop | Cardinal | Reverend | Rev. | Father => title sector=ELI
Dr. | Doctor | Professor | Prof. => title
Mr. | Mrs. | Ms. | Miss | Sir | Dame => title
spokesman | spokeswoman | spokesperson | official | commander | chief | leader | head | chairman | director | adviser | advisor | member | representative | spokesmen | spokeswomen | spokespeople | chairmen | directors | advisers | advisors | representatives => personrole
# roles of the state: their sector unless whom they serve says another ("the bank's president")
ambassador | envoy | negotiator | minister | president | premier | governor | mayor => personrole sector=GOV
