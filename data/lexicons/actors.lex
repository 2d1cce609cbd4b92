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
Hezbollah | Hizbollah | Hizbullah => actor code=LBNREB country=LBN sector=REB type=ORG
Hamas => actor code=PSEREB country=PSE sector=REB type=ORG
Islamic Jihad | Palestinian Islamic Jihad => actor code=PSEREB country=PSE sector=REB type=ORG
Taliban | the Taliban => actor code=AFGREB country=AFG sector=REB type=ORG
Houthis | Houthi | Ansar Allah => actor code=YEMREB country=YEM sector=REB type=ORG
Hayat Tahrir al-Sham | HTS | Nusra Front | al-Nusra Front => actor code=SYRREB country=SYR sector=REB type=ORG
Wagner Group | Wagner => actor code=RUSMIL country=RUS sector=MIL type=ORG
Rapid Support Forces | RSF => actor code=SDNMIL country=SDN sector=MIL type=ORG
M23 | March 23 Movement => actor code=CODREB country=COD sector=REB type=ORG
Allied Democratic Forces | ADF => actor code=CODREB country=COD sector=REB type=ORG
Fulani militia | Fulani militiamen => actor code=NGAREB country=NGA sector=REB type=ORG

# Syria and Iraq
Syrian Democratic Forces | SDF => actor code=SYRREB country=SYR sector=REB type=ORG
People's Protection Units | YPG => actor code=SYRREB country=SYR sector=REB type=ORG
Free Syrian Army | FSA => actor code=SYRREB country=SYR sector=REB type=ORG
Popular Mobilisation Forces | Popular Mobilization Forces | PMF | Hashd al-Shaabi => actor code=IRQMIL country=IRQ sector=MIL type=ORG
Peshmerga | Kurdish Peshmerga => actor code=IRQMIL country=IRQ sector=MIL type=ORG
Kurdistan Workers' Party | PKK => actor code=TURREB country=TUR sector=REB type=ORG

# International organizations
United Nations | UN | U.N. => actor code=IGOUNO sector=IGO type=ORG
UN Security Council | U.N. Security Council | United Nations Security Council | Security Council => actor code=IGOUNO sector=IGO type=ORG
UNHCR | UN refugee agency => actor code=IGOUNOREF sector=IGO type=ORG
UNICEF => actor code=IGOUNO sector=IGO type=ORG
World Food Programme | WFP => actor code=IGOUNO sector=IGO type=ORG
World Health Organization | WHO => actor code=IGOUNOHLH sector=IGO type=ORG
NATO | North Atlantic Treaty Organization => actor code=IGOWSTNAT sector=IGO type=ORG
European Union | EU | E.U. => actor code=IGOEEC sector=IGO type=ORG
African Union | AU => actor code=IGOAFRAU sector=IGO type=ORG
Arab League => actor code=IGOARL sector=IGO type=ORG
European Community | European Economic Community | EEC | EC => actor code=IGOEEC sector=IGO type=ORG
Organization of African Unity | Organisation of African Unity | OAU => actor code=IGOAFROAU sector=IGO type=ORG
Organization for Security and Cooperation in Europe | Organisation for Security and Co-operation in Europe | OSCE => actor code=IGOEUROSC sector=IGO type=ORG
International Atomic Energy Agency | IAEA => actor code=IGOUNOIAE sector=IGO type=ORG
International Labor Organization | International Labour Organization | International Labor Office | International Labour Office | ILO => actor code=IGOUNOILO sector=IGO type=ORG
International Monetary Fund | IMF => actor code=IGOIMF sector=IGO type=ORG
World Bank => actor code=IGOWBK sector=IGO type=ORG
Asia-Pacific Economic Cooperation | APEC => actor code=IGOAPC sector=IGO type=ORG
Association of Southeast Asian Nations | Association of South East Asian Nations | ASEAN => actor code=IGOSEAASN sector=IGO type=ORG
Organization of American States | Organisation of American States | OAS => actor code=IGOAMROAS sector=IGO type=ORG
Economic Community of West African States | ECOWAS => actor code=IGOWAFECW sector=IGO type=ORG
Gulf Cooperation Council | GCC => actor code=IGOGCC sector=IGO type=ORG
Organization of the Islamic Conference | Organisation of Islamic Cooperation | OIC => actor code=IGOMOSOIC sector=IGO type=ORG
International Committee of the Red Cross | ICRC | Red Cross => actor code=NGOHLH sector=NGO type=ORG
Amnesty International => actor code=NGOHRI sector=NGO type=ORG
Human Rights Watch => actor code=NGOHRI sector=NGO type=ORG
Medecins Sans Frontieres | Doctors Without Borders | MSF => actor code=NGOHLH sector=NGO type=ORG
Syrian Observatory for Human Rights => actor code=SYRNGOHRI country=SYR sector=NGO type=ORG
US-led coalition | U.S.-led coalition | international coalition => actor code=IGOWSTMIL sector=MIL type=ORG

# State bodies and forces
Pentagon => actor code=USAMIL country=USA sector=MIL type=ORG
CIA | Central Intelligence Agency => actor code=USASPY country=USA sector=SPY type=ORG
State Department => actor code=USAGOV country=USA sector=GOV type=ORG
White House => actor code=USAGOV country=USA sector=GOV type=ORG
Kremlin => actor code=RUSGOV country=RUS sector=GOV type=ORG
Israel Defense Forces | IDF => actor code=ISRMIL country=ISR sector=MIL type=ORG
Revolutionary Guards | Islamic Revolutionary Guard Corps | IRGC => actor code=IRNMIL country=IRN sector=MIL type=ORG
