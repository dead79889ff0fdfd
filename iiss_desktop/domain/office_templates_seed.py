# ruff: noqa: E501 - the templates' paragraphs are one line each, as the clerk edits them
"""The templates the program installs once (services/office_documents.seed_templates_in), as version 1 of each: the office
edits them afterwards (each edit a new version). The legal references are those in force for
a state school; what the school has not confirmed is marked «# DA VERIFICARE» in a comment
here, never in the text printed.
"""
from __future__ import annotations

from .office_documents import FieldDecl

P = FieldDecl

DIRETTIVA = """\
# Direttiva di massima al Direttore dei servizi generali e amministrativi

IL DIRIGENTE SCOLASTICO

VISTO l'art. 25, comma 5, del D.Lgs. 30 marzo 2001, n. 165, per il quale il dirigente è coadiuvato dal direttore dei servizi generali e amministrativi, che sovrintende, con autonomia operativa, nell'ambito delle direttive di massima impartite e degli obiettivi assegnati, ai servizi amministrativi e ai servizi generali, coordinando il relativo personale;
VISTO il CCNL del comparto Istruzione e Ricerca vigente e il profilo del DSGA (Tabella A);
VISTO il D.I. 28 agosto 2018, n. 129;
VISTI {riferimenti_emergenza};
CONSIDERATA la necessità di contenere il rischio di contagio garantendo la continuità dei servizi;

EMANA

la seguente direttiva di massima al DSGA {dsga} per l'anno scolastico {anno_scolastico}, con le misure organizzative straordinarie da attuare.

# 1. Accesso agli uffici
- L'accesso del pubblico agli uffici è limitato ai casi di effettiva necessità amministrativo-gestionale e operativa, previo appuntamento e secondo la programmazione dello sportello: {orario_sportello}.
- È tenuto il **registro dei visitatori** ammessi, con nome e cognome, data di nascita, luogo di residenza, recapito telefonico, data di accesso, ora di entrata e di uscita (tempo di permanenza), motivo della visita e persona incontrata; il registro è conservato per {giorni_conservazione} giorni e poi distrutto, ed è esibito all'autorità sanitaria che ne faccia richiesta.
- Ai visitatori è consegnata o mostrata l'informativa sul trattamento dei dati personali (Reg. UE 2016/679, art. 13).

# 2. Comunicazioni
- Il ricorso alle comunicazioni a distanza (posta elettronica, PEO e PEC, telefono, piattaforme istituzionali) è la modalità ordinaria con utenti, famiglie e fornitori.
- Le comunicazioni con il referente scolastico Covid, con il Dipartimento di prevenzione dell'ASL e le rilevazioni e i monitoraggi richiesti dal Ministero e dall'USR sono curati dall'ufficio {ufficio_comunicazioni}, nei tempi richiesti, con registrazione al protocollo e riservatezza dei dati sanitari.

# 3. Organizzazione del personale ATA
- Il DSGA predispone il piano delle attività del personale ATA con l'articolazione dell'orario e le turnazioni necessarie a garantire i servizi in presenza e a evitare affollamenti.
- Il lavoro agile del personale amministrativo è autorizzato nei limiti e secondo le disposizioni vigenti, per attività individuate e con la rendicontazione dei risultati; sono comunque garantiti in presenza i servizi indifferibili.

# 4. Pulizia, igienizzazione e dispositivi di protezione
- I collaboratori scolastici assicurano la pulizia approfondita e l'igienizzazione quotidiana di locali, superfici e attrezzature di uso comune, con l'aerazione frequente degli ambienti, annotando gli interventi nel registro delle pulizie.
- Il DSGA cura l'acquisto, la custodia e la distribuzione al personale dei dispositivi di protezione individuale (DPI) e dei prodotti igienizzanti, con la registrazione delle consegne.

{ulteriori_disposizioni}

La presente direttiva è portata a conoscenza del personale ATA e pubblicata nella sezione Amministrazione trasparente.

{comune}, {data}

Il Dirigente scolastico
{dirigente}
"""

NOMINA_SOSTITUTO = """\
# Decreto di individuazione del sostituto del DSGA

IL DIRIGENTE SCOLASTICO

VISTO il D.Lgs. 30 marzo 2001, n. 165, art. 25;
VISTO il CCNL del comparto Istruzione e Ricerca vigente, che affida la sostituzione del DSGA, in caso di assenza o impedimento, all'assistente amministrativo titolare della posizione economica o dell'incarico a ciò previsti;
VISTA l'assenza del DSGA {dsga} per {motivo_assenza};

DECRETA

l'assistente amministrativo **{nome_sostituto}** è individuato quale sostituto del Direttore dei servizi generali e amministrativi dal {dal} al {al}, con le funzioni e le responsabilità proprie del profilo, compresa la firma degli atti di competenza.

Il compenso spettante è corrisposto nella misura prevista dal contratto.

{comune}, {data}

Il Dirigente scolastico
{dirigente}
"""

NOMINA_SUBCONSEGNATARIO = """\
# Decreto di nomina del sub-consegnatario dei beni

IL DIRIGENTE SCOLASTICO

VISTO il D.I. 28 agosto 2018, n. 129, art. 30, per il quale il DSGA è consegnatario dei beni e, quando l'istituzione ha più plessi o sedi, il dirigente può nominare uno o più sub-consegnatari, che rispondono della consistenza e della conservazione dei beni loro affidati;
CONSIDERATO che i beni del plesso {plesso} richiedono una custodia sul posto;

DECRETA

**{nome_subconsegnatario}**, {qualifica}, è nominato sub-consegnatario dei beni del plesso {plesso}, descritti negli inventari dell'istituto, a decorrere dal {decorrenza}.

Il sub-consegnatario riceve i beni dal consegnatario {dsga} con verbale di consegna, ne cura la conservazione e il corretto uso, segnala tempestivamente guasti, furti e necessità di manutenzione e, alla cessazione dall'incarico, li restituisce con verbale.

{comune}, {data}

Il Dirigente scolastico
{dirigente}
"""

NOMINA_COMMISSIONE = """\
# Decreto di nomina della commissione

IL DIRIGENTE SCOLASTICO

VISTO il D.I. 28 agosto 2018, n. 129;
VISTO il D.Lgs. 31 marzo 2023, n. 36, art. 116 (collaudo e verifica di conformità);
CONSIDERATA la necessità di {finalita};

DECRETA

è nominata la commissione per {finalita}, così composta:

{componenti}

La commissione si riunisce entro il {termine} e redige il verbale delle operazioni svolte. Per l'incarico non spetta alcun compenso.

{comune}, {data}

Il Dirigente scolastico
{dirigente}
"""

CIRCOLARE = """\
Al personale {destinatari}
Al sito web – Albo

# Oggetto: {oggetto}

{testo}

Si ringrazia per la collaborazione.

{comune}, {data}

Il Dirigente scolastico
{dirigente}
"""

ORDINE = """\
Al personale interessato
Al DSGA {dsga}

# Ordine di servizio

IL DIRIGENTE SCOLASTICO

VISTO il D.Lgs. 30 marzo 2001, n. 165, art. 25;
VISTO il piano delle attività del personale ATA per l'anno scolastico {anno_scolastico};
CONSIDERATO che {motivazione};

DISPONE

che {personale} svolga il seguente servizio: {servizio}, dal {dal} al {al}, nella sede {sede}.

{comune}, {data}

Il Dirigente scolastico
{dirigente}
"""

SEED = (
    ("direttiva-dsga", "Direttiva di massima del DS al DSGA (art. 25 c.5 D.Lgs 165/2001) – "
                       "misure di emergenza", "direttiva", DIRETTIVA,
     [P("riferimenti_emergenza", "Norme e protocolli di emergenza richiamati", "long"),
      P("orario_sportello", "Orario dello sportello su appuntamento"),
      P("giorni_conservazione", "Giorni di conservazione del registro visitatori"),
      P("ufficio_comunicazioni", "Ufficio che cura le comunicazioni con referenti e ASL"),
      P("ulteriori_disposizioni", "Ulteriori disposizioni", "long", required=False)]),
    ("nomina-sostituto-dsga", "Decreto di individuazione del sostituto del DSGA", "decreto",
     NOMINA_SOSTITUTO,
     [P("nome_sostituto", "Assistente amministrativo sostituto", "person"),
      P("motivo_assenza", "Motivo dell'assenza del DSGA"),
      P("dal", "Dal", "date"), P("al", "Al", "date")]),
    ("nomina-subconsegnatario", "Decreto di nomina del sub-consegnatario (D.I. 129/2018 "
                                "art. 30)", "decreto", NOMINA_SUBCONSEGNATARIO,
     [P("nome_subconsegnatario", "Sub-consegnatario", "person"),
      P("qualifica", "Qualifica del sub-consegnatario"),
      P("plesso", "Plesso o sede"), P("decorrenza", "A decorrere dal", "date")]),
    ("nomina-commissione", "Decreto di nomina di una commissione (es. collaudo)", "decreto",
     NOMINA_COMMISSIONE,
     [P("finalita", "Finalità della commissione"),
      P("componenti", "Componenti (uno per riga, «- » davanti)", "long"),
      P("termine", "Termine per riunirsi", "date")]),
    ("circolare-personale", "Circolare al personale", "circolare", CIRCOLARE,
     [P("destinatari", "Destinatari (es. docente e ATA)"), P("oggetto", "Oggetto"),
      P("testo", "Testo della circolare", "long")]),
    ("ordine-di-servizio", "Ordine di servizio", "ordine", ORDINE,
     [P("personale", "Personale destinatario", "person"),
      P("motivazione", "Motivazione"), P("servizio", "Servizio disposto", "long"),
      P("dal", "Dal", "date"), P("al", "Al", "date"), P("sede", "Sede o plesso")]),
)
# DA VERIFICARE (with the school): the CCNL article naming who replaces the DSGA changed with
# the CCNL 2019-21 (the «incarico di sostituzione»); the text cites the contract generically.
