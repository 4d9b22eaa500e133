/**
 * The shipped list of common passwords, checked by password-policy.ts.
 *
 * Source: SecLists (MIT), `Passwords/Common-Credentials/10-million-password-list-top-10000.txt`
 * (github.com/danielmiessler/SecLists): the entries of at least 8 characters among roughly its
 * first 4,700 lines, in its order (most common first), lower-cased, with a few slurs left out.
 * Then favourites of Spain, Catalonia, Galicia, the Basque Country, Italy and Romania, chosen
 * by hand. Shorter passwords are refused by length already, so they are not listed; neither is
 * an entry that is a listed one plus trailing digits or punctuation ("password1"), because the
 * policy strips those before it looks ("barcelona2024!" reads "barcelona").
 *
 * Kept as two whitespace-separated strings split once at load: the bundle stays small (about
 * 6 KiB gzipped), and the browser login app never loads this file.
 */

const SECLISTS = `
password 12345678 123456789 baseball football qwertyuiop 1234567890 superman 1qaz2wsx trustno1
jennifer sunshine iloveyou starwars computer michelle 11111111 princess 987654321 corvette
1234qwer 88888888 q1w2e3r4t5 internet samantha whatever maverick steelers mercedes 123123123
qwer1234 hardcore q1w2e3r4 midnight bigdaddy victoria 1q2w3e4r cocacola marlboro asdfasdf
87654321 12344321 jordan23 liverpoo jonathan danielle abcd1234 scorpion qazwsxedc slipknot
qwerty123 startrek 12341234 redskins butthead asdfghjkl qwertyui liverpool dolphins nicholas
elephant mountain xxxxxxxx 1q2w3e4r5t metallic shithead benjamin creative rush2112 asdfghjk
4815162342 passw0rd bullshit 1qazxsw2 garfield 01012011 69696969 december 11223344 godzilla
airborne lifehack brooklyn platinum darkness blink182 789456123 12qwaszx snowball pakistan
redwings williams nintendo november minecraft asdf1234 lasvegas babygirl dickhead 12121212
147258369 explorer snickers metallica alexande paradise michigan carolina lacrosse christin
kimberly kristina 0987654321 poohbear bollocks qweasdzxc drowssap caroline einstein spitfire
maryjane 1232323q champion svetlana westside courtney 12345qwert patricia aaaaaaaa anderson
security stargate simpsons scarface 123456789a 1234554321 cherokee usuckballz1 veronica semperfi
scotland marshall softball passport franklin alexander 55555555 zaq12wsx infinity kawasaki
77777777 vladimir freeuser wildcats budlight brittany 00000000 bulldogs swordfis patriots
pearljam colorado ncc1701d motorola logitech juventus wolverin warcraft hello123 peekaboo
123654789 panthers elizabet spiderma virginia valentin predator mitchell 741852963 1111111111
rolltide changeme lovelove fktrcfylh loverboy chevelle cardinal michael1 147852369 american
alexandr electric wolfpack spiderman darkside 123456789q 01011980 freepass 99999999 fyfcnfcbz
22222222 1029384756 billybob lawrence pussycat 01012000 chocolat business cjkysirj 123qweasd
stingray serenity greenday charlie1 firebird blizzard a1b2c3d4 sterling hercules tarheels
remember basketball zeppelin swimming pavilion engineer bobafett 21122112 darkstar icecream
hellfire fireball rockstar defender swordfish airforce abcdefgh srinivas bluebird wrangler
precious harrison goldfish soso123aljg dbrnjhbz thailand longhorn 123qweasdzxc wordpass 31415926
999999999 letmein1 assassin testtest microsoft devildog valentina butterfly lonewolf babydoll
atlantis angelina hotstuff mistress deftones cadillac blahblah birthday 1234abcd 01011990
veronika qazwsx123 mustang1 goldberg 12345678910 wolfgang savannah leonardo basketba cristina
aardvark sweetpea 13131313 freedom1 fredfred manchester kathleen hamilton fuckyou2 drpepper
bigboobs 1qaz2wsx3edc christia buckeyes 0123456789 stephani enterpri diamonds wetpussy morpheus
66666666 pornstar thuglife napoleon highland chandler trfnthbyf welcome1 123qwe123 wrinkle1
51505150 11235813 butterfl elizabeth sherlock marathon trombone isabelle barcelona babylon5
ultimate yankees1 superfly q1w2e3r4t5y6 jessica1 123454321 portugal pleasure seminole isabella
14789632 qazxswedc kingkong adgjmptw alejandr 1123581321 margaret bluemoon ghbdtnbr bonehead
stallion personal morrison super123 aleksandr rhbcnbyf dietcoke cooldude christop lollipop
fernando christian letmein2 werewolf punkrock cdtnkfyf tottenha hongkong a1234567 zzzzzzzz
hollywoo florence gn56gn56 matthew1 44444444 makaveli sebastia ilovesex charlott anthony1
111222333 satan666 columbia skywalke seinfeld squirrel qazwsxed fuckfuck wolverine musicman
megadeth verbatim 1q2w3e4r5t6y fuckyou1 stardust showtime 147896325 skittles shaney14
qwerty12345 123321123 intrepid sandiego punisher 1234567a dingdong 192837465 starcraft mushroom
25802580 slapshot ekaterina 123698745 1234512345 warriors raistlin gangster coltrane tacobell
portland penelope 1a2b3c4d 19841984 12369874 mailcreated5240 halflife qwerasdf playtime kangaroo
panasonic christine beautiful spanking meridian lonestar kittycat goodluck scoobydo crusader
12312312 guardian fuckface discover catalina 1122334455 californ angelica william1 stonecol
septembe scarlett santiago lowrider anastasia vacation sithlord ragnarok keyboard 19921992
11112222 penguins nuttertools lorraine dkflbvbh titleist rootbeer magnolia dodgeram creampie
aspirine 1234567q redalert qqqqqqqq munchkin mersedes imperial blueeyes bigballs zaq1xsw2
sebastian research national colombia 01012001 rammstein katerina freckles caliente director
qazwsxedcrfv oblivion mustangs margarita deadhead zxcv1234 porkchop formula1 a1s2d3f4 23232323
shopping peterpan martinez goodtime alexandra thankyou springer software sapphire richmond
kingston brucelee thunder1 plymouth mariners heather1 chelsea1 123456qwerty spectrum pineappl
labrador 1234567890q 10101010 stephanie commando amsterdam webmaster lesbians fletcher thompson
candyman aquarius starfish monopoly infiniti gangbang blackjac 8j4ye3uz 19871987 0000000000
sailboat richard1 godsmack emmanuel cosworth 19891989 rosemary lightnin chevrole catherin
qwerty123456 asshole1 01011991 luckydog 15426378 swingers snuggles qwertyuio qwert123 mandingo
ihateyou beefcake beatrice 111111111 whocares scooter1 doberman 5555555555 terminator oklahoma
ncc1701a keystone clarence bunghole 19751975 romashka pa55word doughboy charlotte achilles
patrick1 gateway1 cowboys1 9876543210 vkontakte phillies jeremiah dilligaf atlantic 19851985
vfrcbvrf technics stripper september pinkfloy maryland kentucky hastings frederic butthole
agent007 19911991 01011985 somethin porsche9 hurrican california bearbear 73501505 nathalie
microlab function flamingo enterprise 19941994 19781978 01011970 truelove nebraska meatball
military macdaddy diamond1 warhammer universe sentinel kamikaze manchest handsome dthjybrf
designer blueblue australia 321654987 1qaz1qaz 01011981 pokemon1 pantyhos 19861986 01011986
superstar ssssssss rjirfrgbde meatloaf lifetime jamesbon woofwoof turkey50 rfnthbyf front242
apollo13 terminal starbuck bigmoney azsxdcfv rightnow maradona lionking crazybab 19931993
19901990 poiuytrewq passwort japanese holyshit 21212121 wildfire sexygirl poontang microsof
chocolate chickens arsenal1 19831983 happyday aberdeen 19951995 13243546 123456aa treasure
theodore raiders1 ericsson 1passwor albatros 0.0.0.000 zxcasdqwe sojdlg123aljg sexsexsex
mikemike michaela excalibu anhyeuem 78945612 trinidad pooppoop greenbay greatone fordf150
applepie 963852741 18436572 lisalisa hardrock dinosaur rastaman pa55w0rd madeline hollywood
hellyeah columbus skywalker rockhard positive melissa1 kcj9wx5n happy123 gotohell february
abc12345 609609609 yosemite roadkill kingfish billyboy 1qa2ws3ed 123789456 tunafish starship
saratoga robotech rasputin rangers1 passwords p0015123 nwo4life megapass hedgehog davidson
20102010 12131415 vladislav translator splinter karolina 789789789 magicman killbill wrestlin
tommyboy passpass pass1234 majestic fuckthis freeporn asdasdasd umbrella cinnamon chester1
broadway sunnyday snoopdog multiplelo jasmine1 chemical chainsaw catherine canadian australi
alliance 19721972 19691969 supersta snowboar r2d2c3po mechanic mamapapa golfgolf ghjcnjnfr
christopher chicken1 bullseye 20002000 skorpion saturday peterson meredith lkjhgfdsa backdoor
westwood sneakers marino13 jamesbond getmoney flounder beerbeer apple123 01011987 01011984
undertaker mmmmmmmm jjjjjjjj gargoyle federico amsterda 1x2zkg8w 19881988 19741974 zerocool
vfvfgfgf test1234 idontknow hahahaha a123456789 19731973 03082006 02071986 vfhufhbnf pppppppp
motherlode lokomotiv goldstar christina chrisbln 20012001 12345678q whitesox titanium thursday
thirteen tazmania starfire qwerqwer qazwsx12 panasoni paintbal newcastl giuseppe buckshot
babyblue attitude 10203040 01011910 sunflowe solution godfather 12345679 southpark sersolution
rhfcjnrf qwerty1234 paintball montgom240 johannes gesperrt francois dkflbckfd dfktynbyf christie
19821982 19811981 12qw34er 123qwerty salamander poseidon pianoman chuckles avalanch qwertyqwerty
meowmeow meathead budweise 19411945 14725836 01091989 01011992 triangle thanatos runescape
gladiator crjhgbjy barefoot 25252525 02071982 zxcvbnm1 viewsonic traveler together spongebob
original medicine mazafaka juliette james007 hawkeyes deeznutz cerberus 135792468 12345qwe
01234567 01011975 zxasqw12 terrapin something overkill monalisa illusion hoosiers hayabusa
gfhjkm123 francesc clevelan 123456654321 01011993 tttttttt smeghead moonlight megatron cfitymrf
casanova blackjack blablabla bbbbbbbb 12301230 syncmaster rhiannon lightning dddddddd bookworm
blessing babybaby aleksandra 19961996 19791979 02091987 02021987 valencia thegreat packers1
newpass6 dutchess charles1 alphabet 19801980 02081988 02051986`;

const REGIONAL = `
contraseña contrasena micontraseña contrasenya contrasinal pasahitza parolamea madrid123
realmadrid bucuresti tequiero tequieromucho teamomucho teamo123 princesa corazon1 amorcito
mariposa estrella felicidad familia1 familia123 bienvenido bienvenida usuario1 usuario123
administrador holahola hola1234 holamundo clave123 secreto1 abcdefg1 futbol10 futbol123 leomessi
lionelmessi cristiano cristianoronaldo halamadrid madridista atletico atleticomadrid atleti1903
sevillafc realbetis valenciacf athletic athleticclub realsociedad deportivo celtavigo espanyol
osasuna1 fcbarcelona barca1899 viscabarca españa123 espana123 jesucristo guadalupe alejandra
francisco gabriela fernanda dragonball dragonballz catalunya viscacatalunya independencia
montserrat llibertat benvingut estimada tarragona sabadell terrassa badalona girona123 galicia1
galiza123 compostela coruña123 euskadi1 euskadi123 euskalherria bilbao123 donostia zorionak
ciaociao ciao1234 tiamo123 amoremio tesoromio principessa passwordd forzajuve forzamilan
forzainter forzaroma forzanapoli juventino interista milanista romanista internazionale
fiorentina topolino francesca alessandro alessandra federica salvatore giovanni francesco
stefania gabriele antonella parola123 parola12 teiubesc dragoste dragostea iubireamea bucharest
romania1 romania123 steaua1986 dinamo1948 alexandru andreea123 ionut123`;

/**
 * Every listed password, NFKC-normalised and lower-cased.
 *
 * @example COMMON_PASSWORDS.has("realmadrid") // true
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `${SECLISTS} ${REGIONAL}`.split(/\s+/).filter((entry) => entry !== ""),
);
