// The English terms in the formal "Sie" that German legal texts use.
import type { PolicySlug } from "./default-policies";

export const DEFAULT_POLICIES_DE: Record<PolicySlug, string> = {
  terms: `
Diese Bedingungen gelten, wenn Sie bei **{{name}}** kaufen, einem Angebot von {{legalName}} ({{address}}){{registration}}. Mit Ihrer Bestellung erklären Sie sich mit ihnen einverstanden. Bitte lesen Sie auch unsere [Erstattungsrichtlinie](/refund-policy) und unsere [Datenschutzerklärung](/privacy).

## Was wir verkaufen

Wir verkaufen vorausbezahlte **eSIM-Datentarife** für Reisen: ein digitales SIM-Profil, das Sie auf einem kompatiblen Telefon installieren, mit dem Datenvolumen und der Gültigkeitsdauer, die auf der Seite des Tarifs angegeben sind. Tarife enthalten **nur mobile Daten**, sofern die Tarifseite nichts anderes angibt – keine Telefonnummer, keine Anrufe und keine SMS. Jeder Tarif nutzt die für ihn aufgeführten Mobilfunknetze; Netzabdeckung und Geschwindigkeit hängen von diesen Netzen an Ihrem jeweiligen Aufenthaltsort ab.

## Vor dem Kauf

- Ihr Telefon muss eSIM unterstützen und darf keine Netzsperre (SIM-Lock) haben. Wenn Sie unsicher sind, fragen Sie vor dem Kauf beim Hersteller Ihres Telefons oder bei Ihrem Mobilfunkanbieter nach.
- Die Preise werden in der Währung des Bezahlvorgangs angezeigt und enthalten alle Gebühren, die wir berechnen. Ihre Bank kann für Zahlungen in Fremdwährung eigene Gebühren erheben.
- Bei manchen Tarifen beginnt die Gültigkeit, sobald sich die eSIM zum ersten Mal in einem abgedeckten Land mit einem Netz verbindet, bei anderen mit der Installation der eSIM; die Tarifseite gibt an, was gilt.

## Zahlung

Zahlungen werden von Stripe abgewickelt. Wir sehen und speichern Ihre vollständige Kartennummer zu keinem Zeitpunkt. Eine Bestellung ist bestätigt, sobald Stripe die Zahlung bestätigt.

## Lieferung

Wir liefern Ihre eSIM elektronisch, in der Regel innerhalb einer Minute nach der Zahlung: per E-Mail an die Adresse, die Sie beim Bezahlen angeben, und auf Ihrer privaten Bestellseite. Können wir sie nicht liefern, erstatten wir Ihnen den vollen Betrag automatisch (siehe die [Erstattungsrichtlinie](/refund-policy)).

## Installation und Nutzung Ihrer eSIM

- Eine eSIM kann in der Regel **nur einmal installiert** werden. Löschen Sie sie erst von Ihrem Telefon, wenn Sie sie nicht mehr benötigen: Eine gelöschte eSIM lässt sich meist nicht erneut installieren, und das ist kein Mangel der eSIM.
- Geben Sie Ihren QR-Code und den privaten Link zu Ihrer Bestellung nicht weiter: Wer sie hat, kann Ihre eSIM installieren.
- Nutzen Sie den Tarif rechtmäßig und im Einklang mit den Fair-Use-Regeln des Netzes. Wir können einen Tarif sperren, der für Betrug oder Missbrauch verwendet wird.

## Aufladungen

Wenn eine Tarifseite dies angibt, können Sie einer eSIM, die Sie bereits besitzen, Datenvolumen hinzufügen. Eine Aufladung wird auf dieselbe eSIM geliefert; es muss nichts neu installiert werden.

## Unsere Verantwortung

Wir sind dafür verantwortlich, Ihnen die bezahlte eSIM in funktionsfähigem Zustand zu liefern. Wir sind nicht verantwortlich für die Netzabdeckung an einem bestimmten Ort, für ein Telefon, das eSIM nicht unterstützt oder gesperrt ist, oder für Schäden, die bei Ihrer Bestellung nicht vorhersehbar waren. Nichts in diesen Bedingungen schränkt Rechte ein, die Ihnen als Verbraucher gesetzlich zustehen.

## Änderungen

Wir können diese Bedingungen aktualisieren; für Ihre Bestellung gilt die Fassung, die zum Zeitpunkt Ihrer Bestellung auf dieser Seite stand.

## Anwendbares Recht und Streitigkeiten

Diese Bedingungen unterliegen dem Recht von {{jurisdiction}}. Wenn etwas schiefgeht, [kontaktieren Sie uns]({{contactUrl}}) bitte zuerst – wir bemühen uns, es schnell in Ordnung zu bringen.
`,

  "refund-policy": `
Sie sollen sich auf Ihre eSIM verlassen können. Diese Richtlinie legt fest, wann Sie Ihr Geld von **{{name}}** ({{legalName}}) zurückerhalten.

## Wenn wir Ihre eSIM nicht liefern können

Wenn wir Ihre eSIM nach Ihrer Zahlung nicht liefern können – zum Beispiel, weil ein Tarif beim Netzpartner ausverkauft ist –, **erstatten wir Ihnen den vollen Betrag automatisch**. Sie müssen nicht danach fragen. Wir schicken Ihnen eine E-Mail, sobald die Erstattung erfolgt ist.

## Wenn Ihre eSIM nicht installiert oder genutzt wurde

Sie können innerhalb von 30 Tagen nach dem Kauf eine **vollständige Erstattung für eine eSIM verlangen, die Sie nicht installiert haben**. [Kontaktieren Sie uns]({{contactUrl}}) mit Ihrer Bestellnummer. Sobald eine eSIM installiert wurde oder sich mit einem Netz verbunden hat, gilt sie als genutzt und wir können sie nicht weiterverkaufen; dieses Recht endet dann. Da eine eSIM ein digitaler Inhalt ist, der auf Ihren Wunsch sofort geliefert wird, erlischt das gesetzliche 14-tägige Widerrufsrecht mit der Lieferung; diese Richtlinie gibt Ihnen mehr, als das Gesetz verlangt.

## Wenn Ihre eSIM nicht funktioniert

Wenn Ihre eSIM installiert ist, aber keine Verbindung herstellt, kontaktieren Sie uns, bevor Sie sie aufgeben. Wir helfen Ihnen, sie zum Laufen zu bringen; liegt der Fehler bei uns oder beim Netz und können wir ihn nicht beheben, erstatten wir Ihnen den Betrag ganz oder anteilig für die Daten, die Sie nicht nutzen konnten.

## Aufladungen

Eine Aufladung kann erstattet werden, solange noch keine ihrer Daten genutzt wurden.

## Wie Erstattungen ausgezahlt werden

Erstattungen gehen auf die Karte oder das Zahlungsmittel zurück, mit dem Sie bezahlt haben, in derselben Währung. Sie erscheinen je nach Bank in der Regel innerhalb von 5–10 Werktagen. Wir schicken Ihnen zu jeder Erstattung eine E-Mail mit dem Betrag, und Ihre Bestellseite zeigt sie an.

## Was wir nicht erstatten können

- Eine eSIM, die nach der Installation vom Telefon gelöscht wurde.
- Genutzte Daten oder einen Tarif, dessen Gültigkeit abgelaufen ist.
- Ein Telefon, das eSIM nicht unterstützt oder eine Netzsperre hat, sobald die eSIM installiert wurde.

Ihre Rechte nach dem Verbraucherrecht bleiben von dieser Richtlinie unberührt.
`,

  privacy: `
Diese Erklärung beschreibt, welche personenbezogenen Daten **{{name}}** erhebt, wozu, wer sie außerdem verarbeitet und welche Rechte Sie haben. Verantwortlicher für Ihre Daten ist {{legalName}}, {{address}}{{registration}}. Sie erreichen uns unter [{{supportEmail}}](mailto:{{supportEmail}}).

## Was wir erheben

- **Ihre E-Mail-Adresse** – um Ihnen Ihre eSIM, Ihre Quittung und Nachrichten zu Ihrer Bestellung zu senden und Ihnen die Anmeldung zu ermöglichen.
- **Ihre Bestellungen** – was Sie wann gekauft haben, den Betrag und die Kennungen der eSIM (ICCID und Installationsdaten).
- **Zahlungsdaten** – Stripe teilt uns mit, ob eine Zahlung erfolgreich war, ihren Betrag sowie die letzten vier Ziffern und die Marke der Karte. Ihre vollständige Kartennummer erhalten wir nie.
- **Nutzung Ihrer eSIM** – wie viel Datenvolumen noch übrig ist, wie es der Netzpartner meldet, damit wir es Ihnen anzeigen können.
- **Technische Daten** – Ihre IP-Adresse und Ihr Browser, die wir zur Sicherheit und zur Betrugsvorbeugung kurzzeitig in Serverprotokollen aufbewahren, sowie ein Cookie, das Sie angemeldet hält oder sich Ihren Bezahlvorgang merkt.

Wir verwenden keine Werbe-Tracker und verkaufen Ihre Daten nicht.

## Wer Ihre Daten in unserem Auftrag verarbeitet

- **Stripe** – Zahlungen und Betrugsvorbeugung.
- **eSIM Go** und **Zendit** – die Netzpartner, die die eSIM ausstellen; sie erhalten die Bestellung, nicht Ihren Namen.
- **Supabase** – unsere Datenbank und die private Ablage der QR-Codes.
- **Resend** – der Versand unserer E-Mails.

Jeder von ihnen verarbeitet Ihre Daten nur nach unseren Weisungen. Einige haben ihren Sitz außerhalb Ihres Landes; wo das der Fall ist, ist die Übermittlung durch Standardvertragsklauseln oder eine gleichwertige Garantie abgesichert.

## Warum wir sie verwenden dürfen

Um unseren Vertrag mit Ihnen zu erfüllen (Lieferung Ihrer eSIM und Unterstützung bei ihrer Nutzung), um gesetzliche Pflichten zu erfüllen (Buchhaltungs- und Steuerunterlagen) und aufgrund unseres berechtigten Interesses, den Dienst sicher zu halten.

## Wie lange wir sie aufbewahren

- Ihr Konto und die Angaben zu Ihren eSIMs: solange Sie ein Konto haben und bis Sie es löschen.
- Bestellungen und Zahlungsdaten: so lange, wie das Buchhaltungs- und Steuerrecht es verlangt (in der Regel 6–10 Jahre), auch nachdem Sie Ihr Konto gelöscht haben – dann jedoch ohne Ihren Namen und Ihre E-Mail-Adresse.
- Serverprotokolle: bis zu 30 Tage.

## Ihre Rechte

Sie können eine Kopie Ihrer Daten, ihre Berichtigung, Löschung oder die Einschränkung ihrer Verarbeitung verlangen oder der Verarbeitung widersprechen, und Sie können sich bei Ihrer Datenschutzaufsichtsbehörde beschweren. Wenn Sie ein Konto haben, können Sie zwei dieser Rechte selbst auf [Ihrer Kontoseite](/account) wahrnehmen:

- **Ihre Daten herunterladen** – alles, was wir über Sie speichern, als JSON-Datei.
- **Ihr Konto löschen** – wir löschen Ihre E-Mail-Adresse und Ihre Anmeldung, beenden Ihre Sitzungen und sperren die privaten Links zu Ihren eSIMs. Bestellungen und Zahlungsdaten bleiben anonymisiert erhalten, weil das Gesetz uns verpflichtet, sie aufzubewahren.

Für alles andere [kontaktieren Sie uns]({{contactUrl}}).
`,

  faq: `
## Welche Telefone funktionieren mit einer eSIM?

Die meisten iPhones ab dem XS/XR (2018), Google Pixel 3 und neuer, Samsung Galaxy S20 und neuer sowie viele andere aktuelle Telefone. Das Telefon darf keine Netzsperre (SIM-Lock) haben. Suchen Sie auf einem iPhone unter Einstellungen → Allgemein → Info nach „Digitale SIM“ oder „Verfügbare SIM“; suchen Sie auf Android in den Einstellungen nach „eSIM“.

## Wann erhalte ich meine eSIM?

In der Regel innerhalb einer Minute nach der Zahlung – per E-Mail und auf Ihrer privaten Bestellseite. Wenn etwas schiefgeht, erstatten wir Ihnen den Betrag automatisch.

## Wann sollte ich sie installieren?

Vor der Reise, solange Sie im WLAN sind. Die [Installationsanleitung](/help/install) zeigt jeden Schritt mit Bildern.

## Wann beginnt mein Tarif?

Das hängt vom Tarif ab: Die meisten beginnen, sobald sich die eSIM zum ersten Mal in einem abgedeckten Land mit einem Netz verbindet, manche mit der Installation. Die Tarifseite gibt an, was gilt.

## Hat die eSIM eine Telefonnummer?

Nein. Unsere Tarife enthalten nur mobile Daten. Sie können Ihre gewohnte SIM für Anrufe und SMS eingeschaltet lassen und Apps wie WhatsApp über die Daten der eSIM nutzen.

## Kann ich später Datenvolumen hinzufügen?

Wenn auf der Tarifseite „Aufladen möglich“ steht, ja: in Ihrem Konto, auf der Seite der eSIM. Es muss nichts neu installiert werden.

## Kann ich eine Erstattung bekommen?

Ja, den vollen Betrag, wenn wir nicht liefern können oder wenn Sie die eSIM nicht installiert haben – siehe die [Erstattungsrichtlinie](/refund-policy).

## Wo finde ich meine Quittung?

In der E-Mail mit der Quittung, die wir nach der Zahlung senden, sowie auf Ihrer Bestellseite und in Ihrem Konto, wo Sie sie ausdrucken können.

## Wie erreiche ich Sie?

[Kontaktieren Sie uns]({{contactUrl}}) – wir antworten per E-Mail.
`,
};
