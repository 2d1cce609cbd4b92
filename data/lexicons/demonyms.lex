# Demonyms and adjectives of nationality -> country (ISO 3166-1 alpha-3).
# Format: ADJECTIVE | NOUN | PLURAL ... => demonym country=ISO3
Afghan | Afghans => demonym country=AFG
Albanian | Albanians => demonym country=ALB
Algerian | Algerians => demonym country=DZA
American | Americans => demonym country=USA
Angolan | Angolans => demonym country=AGO
Argentine | Argentinian | Argentines | Argentinians => demonym country=ARG
Armenian | Armenians => demonym country=ARM
Australian | Australians => demonym country=AUS
Austrian | Austrians => demonym country=AUT
Azerbaijani | Azerbaijanis | Azeri | Azeris => demonym country=AZE
Bahraini | Bahrainis => demonym country=BHR
Bangladeshi | Bangladeshis => demonym country=BGD
Belarusian | Belarusians => demonym country=BLR
Belgian | Belgians => demonym country=BEL
Beninese => demonym country=BEN
Bolivian | Bolivians => demonym country=BOL
Bosnian | Bosnians => demonym country=BIH
Brazilian | Brazilians => demonym country=BRA
British | Briton | Britons | UK => demonym country=GBR
Bulgarian | Bulgarians => demonym country=BGR
Burkinabe | Burkinabes => demonym country=BFA
Burmese | Myanmar => demonym country=MMR
Burundian | Burundians => demonym country=BDI
Cambodian | Cambodians => demonym country=KHM
Cameroonian | Cameroonians => demonym country=CMR
Canadian | Canadians => demonym country=CAN
Central African | Central Africans => demonym country=CAF
Chadian | Chadians => demonym country=TCD
Chilean | Chileans => demonym country=CHL
Chinese => demonym country=CHN
Colombian | Colombians => demonym country=COL
Congolese => demonym country=COD
Croatian | Croat | Croats => demonym country=HRV
Cuban | Cubans => demonym country=CUB
Cypriot | Cypriots => demonym country=CYP
Czech | Czechs => demonym country=CZE
Danish | Dane | Danes => demonym country=DNK
Djiboutian | Djiboutians => demonym country=DJI
Dutch => demonym country=NLD
Ecuadorean | Ecuadorian | Ecuadoreans | Ecuadorians => demonym country=ECU
Egyptian | Egyptians => demonym country=EGY
Emirati | Emiratis => demonym country=ARE
Eritrean | Eritreans => demonym country=ERI
Estonian | Estonians => demonym country=EST
Ethiopian | Ethiopians => demonym country=ETH
Filipino | Filipinos | Philippine => demonym country=PHL
Finnish | Finn | Finns => demonym country=FIN
French | Frenchman | Frenchmen => demonym country=FRA
Gabonese => demonym country=GAB
Gambian | Gambians => demonym country=GMB
Georgian | Georgians => demonym country=GEO
German | Germans => demonym country=DEU
Ghanaian | Ghanaians => demonym country=GHA
Greek | Greeks => demonym country=GRC
Guatemalan | Guatemalans => demonym country=GTM
Guinean | Guineans => demonym country=GIN
Haitian | Haitians => demonym country=HTI
Honduran | Hondurans => demonym country=HND
Hungarian | Hungarians => demonym country=HUN
Indian | Indians => demonym country=IND
Indonesian | Indonesians => demonym country=IDN
Iranian | Iranians => demonym country=IRN
Iraqi | Iraqis => demonym country=IRQ
Irish => demonym country=IRL
Israeli | Israelis => demonym country=ISR
Italian | Italians => demonym country=ITA
Ivorian | Ivorians => demonym country=CIV
Japanese => demonym country=JPN
Jordanian | Jordanians => demonym country=JOR
Kampuchean | Kampucheans => demonym country=KHM
Kazakh | Kazakhs => demonym country=KAZ
Kenyan | Kenyans => demonym country=KEN
Kosovar | Kosovars => demonym country=XKX
Kuwaiti | Kuwaitis => demonym country=KWT
Kyrgyz => demonym country=KGZ
Laotian | Laotians => demonym country=LAO
Latvian | Latvians => demonym country=LVA
Lebanese => demonym country=LBN
Liberian | Liberians => demonym country=LBR
Libyan | Libyans => demonym country=LBY
Lithuanian | Lithuanians => demonym country=LTU
Macedonian | Macedonians => demonym country=MKD
Malawian | Malawians => demonym country=MWI
Malaysian | Malaysians => demonym country=MYS
Malian | Malians => demonym country=MLI
Mauritanian | Mauritanians => demonym country=MRT
Mexican | Mexicans => demonym country=MEX
Moldovan | Moldovans => demonym country=MDA
Mongolian | Mongolians => demonym country=MNG
Montenegrin | Montenegrins => demonym country=MNE
Moroccan | Moroccans => demonym country=MAR
Mozambican | Mozambicans => demonym country=MOZ
Namibian | Namibians => demonym country=NAM
Nepalese | Nepali | Nepalis => demonym country=NPL
Nicaraguan | Nicaraguans => demonym country=NIC
Nigerian | Nigerians => demonym country=NGA
Nigerien | Nigeriens => demonym country=NER
North Korean | North Koreans => demonym country=PRK
Norwegian | Norwegians => demonym country=NOR
Omani | Omanis => demonym country=OMN
Pakistani | Pakistanis => demonym country=PAK
Palestinian | Palestinians => demonym country=PSE
Panamanian | Panamanians => demonym country=PAN
Paraguayan | Paraguayans => demonym country=PRY
Peruvian | Peruvians => demonym country=PER
Polish | Pole | Poles => demonym country=POL
Portuguese => demonym country=PRT
Qatari | Qataris => demonym country=QAT
Romanian | Romanians => demonym country=ROU
Russian | Russians => demonym country=RUS
Rwandan | Rwandans => demonym country=RWA
Salvadoran | Salvadorans => demonym country=SLV
Saudi | Saudis | Saudi Arabian => demonym country=SAU
Senegalese => demonym country=SEN
Serbian | Serb | Serbs => demonym country=SRB
Sierra Leonean | Sierra Leoneans => demonym country=SLE
Singaporean | Singaporeans => demonym country=SGP
Slovak | Slovaks => demonym country=SVK
Somali | Somalis => demonym country=SOM
South African | South Africans => demonym country=ZAF
South Korean | South Koreans => demonym country=KOR
South Sudanese => demonym country=SSD
Spanish | Spaniard | Spaniards => demonym country=ESP
Sri Lankan | Sri Lankans => demonym country=LKA
Sudanese => demonym country=SDN
Swedish | Swede | Swedes => demonym country=SWE
Swiss => demonym country=CHE
Syrian | Syrians => demonym country=SYR
Taiwanese => demonym country=TWN
Tajik | Tajiks => demonym country=TJK
Tanzanian | Tanzanians => demonym country=TZA
Thai => demonym country=THA
Togolese => demonym country=TGO
Tunisian | Tunisians => demonym country=TUN
Turkish | Turk | Turks => demonym country=TUR
Turkmen => demonym country=TKM
Ugandan | Ugandans => demonym country=UGA
Ukrainian | Ukrainians => demonym country=UKR
Uruguayan | Uruguayans => demonym country=URY
Uzbek | Uzbeks => demonym country=UZB
Venezuelan | Venezuelans => demonym country=VEN
Vietnamese => demonym country=VNM
Yemeni | Yemenis => demonym country=YEM
Zambian | Zambians => demonym country=ZMB
Zimbabwean | Zimbabweans => demonym country=ZWE
# Peoples and communities without one state of their own
Kurdish | Kurd | Kurds => demonym group=KRD
Arab | Arabs => demonym group=ARB
Yazidi | Yazidis => demonym group=YZD
Tuareg | Tuaregs => demonym group=TRG
Rohingya => demonym group=RHG
Fulani => demonym group=FUL
Druze => demonym group=DRZ
Sunni | Sunnis => demonym group=SUN
Shi'ite | Shiite | Shia | Shi'ites | Shiites => demonym group=SHI
