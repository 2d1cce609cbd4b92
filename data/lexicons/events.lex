# Event words: verbs, nouns and phrases that name an event, by lemma.
# Format: LEMMA | LEMMA ... => event cameo=CODE plover=TYPE [mode=MODE] [acled=CLASS] [pos=verb|noun]
#   Names are lemmas, lower case: "attack" matches attacked, attacks,
#   attacking; "air strike" matches "air strikes"; "open fire" matches
#   "opened fire".  pos limits a word to verbs or nouns (a "strike" by
#   workers is no air strike).
#   cameo: the CAMEO event code; plover: its PLOVER type and mode.
#   acled: what the word alone says of ACLED's taxonomy (docs/events.md);
#   the event stage refines it by the actors, the weapons and the words
#   around it.  Without acled= the event is no ACLED event (a meeting,
#   a demand).  voice=inverse: the subject is the target and the object
#   the source ("Raqqa fell to Islamic State").
# Users add their own entries in the same format: sitrep extract --lexicon.

# ---- fighting ---------------------------------------------------------
clash | fight | battle | engage | skirmish | exchange fire | exchange gunfire => event cameo=190 plover=ASSAULT mode=firearms acled=clash
gunfight | firefight | shootout | shoot-out | gun battle | exchange of fire | fighting | offensive | counteroffensive | counter-offensive | combat | hostilities => event cameo=190 plover=ASSAULT mode=firearms acled=clash pos=noun
assault | attack | raid | storm | ambush | strike | hit | target => event cameo=190 plover=ASSAULT acled=attack pos=verb
assault | attack | raid | ambush | incursion | onslaught => event cameo=190 plover=ASSAULT acled=attack pos=noun
open fire | fire on | fire at | fire | shoot | gun down | shoot dead | shoot at => event cameo=193 plover=ASSAULT mode=firearms acled=attack pos=verb
shooting | gunfire | gunshot => event cameo=193 plover=ASSAULT mode=firearms acled=attack pos=noun
kill | murder | slay | execute | massacre | behead | lynch | stab | hack | assassinate => event cameo=1823 plover=ASSAULT acled=attack pos=verb
killing | murder | massacre | execution | assassination | stabbing => event cameo=1823 plover=ASSAULT acled=attack pos=noun
beat | torture | assault physically | injure | wound | maim | burn alive => event cameo=182 plover=ASSAULT mode=beat acled=attack pos=verb
beating | torture => event cameo=182 plover=ASSAULT mode=beat acled=attack pos=noun

# ---- remote violence --------------------------------------------------
air strike | airstrike | air raid | air attack | drone strike | drone attack | bombing raid | aerial bombardment | air campaign => event cameo=195 plover=ASSAULT mode=aerial acled=air pos=noun
bomb from the air | strafe => event cameo=195 plover=ASSAULT mode=aerial acled=air pos=verb
shell | bombard | pound | mortar => event cameo=194 plover=ASSAULT mode=heavy-weapons acled=shell pos=verb
shelling | bombardment | artillery fire | artillery attack | mortar attack | rocket attack | missile attack | missile strike | rocket fire | mortar fire | barrage => event cameo=194 plover=ASSAULT mode=heavy-weapons acled=shell pos=noun
bomb | blow up | detonate => event cameo=183 plover=ASSAULT mode=explosives acled=ied pos=verb
bombing | explosion | blast | car bomb | roadside bomb | landmine | ied | improvised explosive device | explosive device => event cameo=183 plover=ASSAULT mode=explosives acled=ied pos=noun
explode | go off => event cameo=183 plover=ASSAULT mode=explosives acled=ied pos=verb
grenade attack => event cameo=183 plover=ASSAULT mode=explosives acled=grenade pos=noun
suicide bombing | suicide attack | suicide bomber | suicide car bomb => event cameo=1831 plover=ASSAULT mode=suicide-attack acled=suicide pos=noun
gas attack | chemical attack | chemical weapon => event cameo=2041 plover=ASSAULT mode=unconventional acled=chemical pos=noun

# ---- violence against civilians ---------------------------------------
abduct | kidnap | take hostage | hold hostage | hijack | seize hostage => event cameo=181 plover=ASSAULT mode=abduct acled=abduct pos=verb
abduction | kidnapping | hostage-taking | disappearance => event cameo=181 plover=ASSAULT mode=abduct acled=abduct pos=noun
rape | sexually assault | sexually abuse | gang-rape | molest => event cameo=1821 plover=ASSAULT mode=sexual acled=sexual pos=verb
rape | sexual assault | sexual violence | sexual abuse => event cameo=1821 plover=ASSAULT mode=sexual acled=sexual pos=noun

# ---- territory --------------------------------------------------------
capture | seize | take control of | take over | overrun | overtake | recapture | retake | regain | regain control of | liberate | occupy | conquer | seize control of | gain control of => event cameo=192 plover=COERCE mode=seize acled=capture pos=verb
# the place is the subject, the one who takes it the object
fall to | fall into the hand of => event cameo=192 plover=COERCE mode=seize acled=capture pos=verb voice=inverse
capture | seizure | takeover | recapture | liberation | occupation => event cameo=192 plover=COERCE mode=seize acled=capture pos=noun
hand over | cede | withdraw from | pull out of => event cameo=0872 plover=RETREAT mode=withdraw acled=transfer pos=verb
withdrawal | pullout | handover => event cameo=0872 plover=RETREAT mode=withdraw acled=transfer pos=noun
establish base | set up base | set up camp | set up a base | establish a base | set up checkpoint | set up a checkpoint => event cameo=150 plover=MOBILIZE mode=troops acled=base pos=verb

# ---- demonstrations ---------------------------------------------------
protest | demonstrate | rally | march | picket | gather | assemble | converge | stage a protest | hold a protest | stage a demonstration | hold a demonstration | stage a sit-in | hold a sit-in | take to the street | gather to protest | hold a rally | stage a rally | hold a march => event cameo=141 plover=PROTEST mode=demo acled=protest pos=verb
protest | demonstration | rally | march | sit-in | vigil | picket => event cameo=141 plover=PROTEST mode=demo acled=protest pos=noun
go on strike | stage a strike | hold a strike => event cameo=143 plover=PROTEST mode=boycott acled=protest pos=verb
walkout | work stoppage => event cameo=143 plover=PROTEST mode=boycott acled=protest pos=noun
hunger strike => event cameo=142 plover=PROTEST mode=hunger acled=protest pos=noun
boycott | block | barricade | obstruct => event cameo=144 plover=PROTEST mode=obstruct acled=protest pos=verb
boycott | roadblock | barricade => event cameo=144 plover=PROTEST mode=obstruct acled=protest pos=noun
riot | run amok | pelt | stone | throw stones | hurl stones | throw rocks => event cameo=145 plover=PROTEST mode=riot acled=riot pos=verb
riot | rioting | unrest | violent protest | violent demonstration => event cameo=145 plover=PROTEST mode=riot acled=riot pos=noun
mob | vigilante | mob justice | mob violence => event cameo=145 plover=PROTEST mode=riot acled=mob pos=noun

# ---- coercion and strategic developments --------------------------------
arrest | detain | apprehend | round up | take into custody | nab | jail | imprison => event cameo=173 plover=COERCE mode=arrest acled=arrest pos=verb
arrest | detention | roundup | crackdown => event cameo=173 plover=COERCE mode=arrest acled=arrest pos=noun
loot | plunder | pillage | ransack | extort | vandalize | vandalise | set fire to | set ablaze | torch | burn | raze | demolish | destroy | damage | bulldoze => event cameo=1712 plover=ASSAULT mode=destroy acled=loot pos=verb
looting | arson | vandalism | destruction => event cameo=1712 plover=ASSAULT mode=destroy acled=loot pos=noun
defuse | deactivate | dismantle | intercept | shoot down | seize weapons | confiscate | foil => event cameo=171 plover=COERCE mode=seize acled=disrupt pos=verb
deport | banish | extradite to | forcibly return => event cameo=174 plover=COERCE mode=deport pos=verb
expel => event cameo=166 plover=SANCTION mode=expel pos=verb
disperse | break up | suppress | crack down on | quell | force out => event cameo=175 plover=COERCE mode=crowd-control pos=verb
hack into | hack => event cameo=170 plover=COERCE mode=cyber pos=verb
blockade | impose blockade | impose a blockade | besiege | lay siege to => event cameo=191 plover=COERCE mode=restrict pos=verb
blockade | siege => event cameo=191 plover=COERCE mode=restrict pos=noun
impose curfew | declare curfew | declare martial law | ban | outlaw | censor | shut down | restrict => event cameo=172 plover=COERCE mode=restrict pos=verb
curfew | martial law | state of emergency => event cameo=172 plover=COERCE mode=curfew pos=noun

# ---- agreements, cooperation, concessions --------------------------------
# signing a formal agreement is SUPPORT in the CAMEO-to-PLOVER table (057)
sign => event cameo=057 plover=SUPPORT acled=agree pos=verb
agree | conclude | reach agreement | reach a deal | reach an agreement | strike a deal | broker => event cameo=057 plover=AGREE acled=agree pos=verb
agreement | accord | deal | treaty | peace deal | peace agreement => event cameo=057 plover=AGREE acled=agree pos=noun
truce | ceasefire | cease-fire | armistice => event cameo=0871 plover=RETREAT mode=ceasefire acled=agree pos=noun
declare ceasefire | declare a ceasefire | declare truce | declare a truce | call ceasefire => event cameo=0871 plover=RETREAT mode=ceasefire acled=agree pos=verb
promise | pledge | vow | offer | undertake | commit | volunteer => event cameo=030 plover=AGREE pos=verb
cooperate | collaborate | work with | join force | team up | ally | partner | share | exchange intelligence => event cameo=060 plover=COOPERATE pos=verb
extradite => event cameo=063 plover=COOPERATE mode=legal pos=verb
war game | joint exercise | military exercise | joint drill | naval exercise | joint patrol => event cameo=062 plover=COOPERATE pos=noun
cooperation | collaboration => event cameo=060 plover=COOPERATE pos=noun
aid | assist | help | supply | provide | donate | deliver aid | send aid | airlift | grant asylum | give asylum | shelter | evacuate | send arm | send weapon | deliver | ship => event cameo=070 plover=AID pos=verb
aid | assistance | relief | donation | asylum => event cameo=070 plover=AID pos=noun
support | back | endorse | praise | welcome | commend | hail | applaud | recognize | recognise | defend | congratulate | thank | forgive => event cameo=051 plover=SUPPORT pos=verb
support | endorsement | praise => event cameo=051 plover=SUPPORT pos=noun
concede | yield | ease | lift | relax | allow | permit | legalize | accede | reinstate | pardon | amnesty | call off | accept | shorten | cancel restriction => event cameo=080 plover=CONCEDE pos=verb
release | free | return | hand back => event cameo=0841 plover=RETREAT mode=release pos=verb
release => event cameo=0841 plover=RETREAT mode=release pos=noun
withdraw | retreat | pull back | pull out | surrender | lay down arms | disarm | demobilize | demobilise | disband | resign | step down => event cameo=0874 plover=RETREAT mode=withdraw pos=verb
retreat | surrender | resignation | demobilization | disarmament => event cameo=0874 plover=RETREAT mode=withdraw pos=noun

# ---- talks --------------------------------------------------------------
meet | hold talks | talk | negotiate | consult | discuss | confer | telephone | phone | host | receive | mediate | hold a meeting => event cameo=040 plover=CONSULT pos=verb
visit | tour | travel to | arrive in | fly to => event cameo=042 plover=CONSULT mode=visit pos=verb
meeting | talks | negotiation | summit | consultation | mediation | visit | conference => event cameo=040 plover=CONSULT pos=noun

# ---- words --------------------------------------------------------------
demand | call for | call on | urge | appeal | ask | request | press | insist | plead | petition => event cameo=100 plover=REQUEST pos=verb
demand | appeal | call | request | plea | ultimatum => event cameo=100 plover=REQUEST pos=noun
accuse | blame | charge | allege => event cameo=112 plover=ACCUSE mode=allege pos=verb
complain | sue | indict | summon | file a lawsuit | file suit | lodge a complaint | protest to => event cameo=115 plover=ACCUSE mode=allege pos=verb
criticize | criticise | condemn | denounce | decry | deplore | attack verbally | rebuke | censure | slam | lambast => event cameo=111 plover=ACCUSE mode=disapprove pos=verb
accusation | criticism | condemnation | allegation => event cameo=112 plover=ACCUSE mode=disapprove pos=noun
investigate | probe | examine | look into | inquire => event cameo=090 plover=ACCUSE mode=investigate pos=verb
investigation | probe | inquiry | inquest => event cameo=090 plover=ACCUSE mode=investigate pos=noun
reject | refuse | deny | dismiss | rebuff | spurn | veto | oppose | defy | turn down | rule out | violate | resist => event cameo=120 plover=REJECT pos=verb
rejection | refusal | veto | denial => event cameo=120 plover=REJECT pos=noun
threaten | warn | menace => event cameo=130 plover=THREATEN pos=verb
threat | warning => event cameo=130 plover=THREATEN pos=noun

# ---- force posture, sanctions ---------------------------------------------
mobilize | mobilise | deploy | mass | send troops | dispatch | station | reinforce | put on alert | call up | strengthen | bolster | beef up | patrol => event cameo=154 plover=MOBILIZE mode=troops pos=verb
alert | high alert | patrol | war footing => event cameo=152 plover=MOBILIZE mode=troops pos=noun
mobilization | mobilisation | deployment | buildup | build-up => event cameo=154 plover=MOBILIZE mode=troops pos=noun
sanction | suspend | freeze | cut off | sever | break off | halt | recall | embargo | cut ties | downgrade => event cameo=160 plover=SANCTION pos=verb
sanction | embargo | suspension => event cameo=163 plover=SANCTION pos=noun
