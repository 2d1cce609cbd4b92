# Group nouns and role nouns that can act, with CAMEO sectors.
# Format: NOUN | PLURAL ... => role sector=SECTOR
# Sectors: MIL military, REB rebels, COP police, GOV government, CVL
# civilians, REF refugees, JUD judiciary, OPP opposition, MED media, HLH
# health, EDU education, BUS business, LAB labour, CRM criminals, SPY
# intelligence, NGO, IGO, LEG legislature, ELI elites, AGR farmers, UAF
# unidentified armed forces.
soldier | soldiers | troops | troop | army | armed forces | military | servicemen | marines | paratroopers | warships | forces | peacekeepers | peacekeeping force | peacekeeping troops => role sector=MIL
aircraft | warplanes | warplane | helicopters | gunships | helicopter gunships | jets | fighter jets | tanks | bulldozers | bombers | drones => role sector=MIL
rebel | rebels | insurgent | insurgents | militant | militants | fighter | fighters | jihadist | jihadists | guerrilla | guerrillas | extremist | extremists | separatist | separatists => role sector=REB
militia | militias | militiaman | militiamen => role sector=REB
gunman | gunmen | armed men | attackers | assailants | bandits => role sector=UAF
intelligence | intelligence services | spies => role sector=SPY
police | policeman | policemen | police officer | police officers | officers | security forces | gendarmes | gendarmerie => role sector=COP
government | authorities | officials | official | ministry | cabinet | regime | ministers | foreign ministers | diplomats | delegation | negotiators | envoys => role sector=GOV
civilian | civilians | residents | villagers | people | families | women | children | worshippers | passengers => role sector=CVL
refugee | refugees | displaced | migrants | asylum seekers => role sector=REF
protester | protesters | demonstrators | activists | crowd | students => role sector=OPP
opposition | opposition party => role sector=OPP
judge | judges | court | prosecutors | prosecutor => role sector=JUD
journalist | journalists | reporter | reporters | media => role sector=MED
doctor | doctors | medics | health workers | nurses | aid workers => role sector=HLH
teacher | teachers => role sector=EDU
farmer | farmers | herders | herdsmen | pastoralists => role sector=AGR
workers | union | trade union | strikers => role sector=LAB
business | businessman | businessmen | businesswoman | traders | merchants => role sector=BUS
smugglers | traffickers | gang | gangs | criminals | drug cartel => role sector=CRM
parliament | lawmakers | legislators | MPs => role sector=LEG
tribal elders | tribal leaders | elders | clerics | chiefs => role sector=ELI
# heads that take the sector of the role noun before them ("rebel leaders")
leaders | commanders | groups => role
