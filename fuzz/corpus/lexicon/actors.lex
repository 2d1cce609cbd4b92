# Named actors with CAMEO-style codes.
# Format: NAME | ALIAS | ... => actor code=CODE [country=ISO3] sector=SECTOR type=ORG|GPE|NORP
# An alias written in capitals (IS, SDF) matches only in capitals.
# country is ISO 3166-1 alpha-3, or absent for transnational groups.

# Transnational armed groups
Islamic State | IS | ISIS | ISIL | Daesh | Islamic State of Iraq and the Levant | Islamic State of Iraq and Syria | so-called Islamic State => actor code=IMGMOSSUNREB sector=REB type=ORG
al-Qaeda | al Qaeda | al-Qaida | Al Qaeda | Al-Qaeda => actor code=IMGMOSSUNREB sector=REB type=ORG
al-Qaeda in the Arabian Peninsula | AQAP => actor code=IMGMOSSUNREB sector=REB type=ORG
al-Qaeda in the Islamic Maghreb | AQIM => actor code=IMGMOSSUNREB sector=REB type=ORG
Boko Haram => actor code=NGAREB country=NGA sector=REB type=ORG
al-Shabaab | al Shabaab | Al-Shabaab | Shabaab => actor code=SOMREB country=SOM sector=REB type=ORG
