import type { Locale } from '@masterplan/shared'
import type { SubscriptionErrorField, SubscriptionTopic } from '@masterplan/shared/subscriptions'
import type { SubscriptionStatus } from './subscription-pages.ts'

type StatusText = { title: string; paragraphs: readonly string[]; link: string }

/**
 * The words of the subscription form and of the pages the CMS answers with. The consent text is
 * what readers agree to: change it here, change CONSENT_VERSION in shared/src/subscriptions.ts.
 */
const text = {
  de: {
    title: 'E-Mail-Benachrichtigungen',
    intro:
      'Neue Medieninformationen und Nachrichten über erreichte Meilensteine des Masterplans kommen auf Wunsch per E-Mail zu Ihnen.',
    email: 'E-Mail-Adresse',
    topicsLegend: 'Was möchten Sie erhalten?',
    topics: { 'press-releases': 'Neue Medieninformationen', milestones: 'Nachrichten zu erreichten Meilensteinen' },
    languageLegend: 'In welcher Sprache?',
    languages: { de: 'Deutsch', en: 'English' },
    doubleOptIn:
      'Sie erhalten eine E-Mail mit einem Bestätigungslink; erst wenn Sie ihn anklicken, ist das Abonnement aktiv. Der Link gilt 48 Stunden.',
    consent:
      'Wir speichern Ihre E-Mail-Adresse, die gewählten Themen und die Sprache, den Zeitpunkt Ihrer Anmeldung und Ihrer Bestätigung sowie die Version dieses Textes, aber nicht Ihre IP-Adresse. Jede E-Mail enthält einen Link zum Abmelden; damit wird Ihre Adresse gelöscht.',
    privacy: 'Mehr dazu in der Datenschutzerklärung',
    consentVersion: 'Version dieses Textes',
    submit: 'Abonnieren',
    honeypot: 'Bitte leer lassen',
    errorTitle: 'Fehler',
    errorSummary: 'Bitte korrigieren Sie Ihre Angaben',
    errorAgain: 'Ihre Angaben wurden nicht übernommen. Bitte füllen Sie das Formular noch einmal aus.',
    errors: {
      email: 'Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.de',
      topics: 'Wählen Sie mindestens ein Thema aus',
    },
    status: {
      pending: {
        title: 'Bitte bestätigen Sie Ihr Abonnement',
        paragraphs: [
          'Sie erhalten in Kürze eine E-Mail mit einem Bestätigungslink. Bitte öffnen Sie Ihr Postfach und klicken Sie auf den Link; er gilt 48 Stunden.',
          'Bis Sie bestätigen, speichern wir Ihre Angaben nicht. Ohne Bestätigung erhalten Sie keine weiteren E-Mails.',
          'Keine E-Mail angekommen? Sehen Sie im Spam-Ordner nach und prüfen Sie die Schreibweise Ihrer Adresse.',
        ],
        link: 'Noch einmal anmelden',
      },
      confirmed: {
        title: 'Ihr Abonnement ist bestätigt',
        paragraphs: [
          'Ab jetzt erhalten Sie E-Mails zu den Themen, die Sie gewählt haben.',
          'Abmelden können Sie sich jederzeit über den Link am Ende jeder E-Mail. Dann wird Ihre Adresse gelöscht.',
        ],
        link: 'Zu den Medieninformationen',
      },
      invalidLink: {
        title: 'Dieser Link ist ungültig oder abgelaufen',
        paragraphs: [
          'Es wurde nichts gespeichert oder geändert.',
          'Wenn Sie E-Mail-Benachrichtigungen erhalten möchten, melden Sie sich bitte über das Formular erneut an.',
        ],
        link: 'Zum Anmeldeformular',
      },
      unsubscribed: {
        title: 'Sie sind abgemeldet',
        paragraphs: [
          'Ihre E-Mail-Adresse ist gelöscht. Sie erhalten keine E-Mail-Benachrichtigungen mehr.',
          'Sie können sich jederzeit wieder anmelden.',
        ],
        link: 'Zum Anmeldeformular',
      },
    },
  },
  en: {
    title: 'E-mail alerts',
    intro: 'If you wish, new press releases and news of milestones reached in the Masterplan come to you by e-mail.',
    email: 'E-mail address',
    topicsLegend: 'What would you like to receive?',
    topics: { 'press-releases': 'New press releases', milestones: 'News of milestones reached' },
    languageLegend: 'In which language?',
    languages: { de: 'Deutsch', en: 'English' },
    doubleOptIn:
      'You will receive an e-mail with a confirmation link; only when you click it does the subscription start. The link is valid for 48 hours.',
    consent:
      'We store your e-mail address, the topics and language you chose, the time of your request and of your confirmation, and the version of this text, but not your IP address. Every e-mail contains a link to unsubscribe, which deletes your address.',
    privacy: 'More in the privacy policy',
    consentVersion: 'Version of this text',
    submit: 'Subscribe',
    honeypot: 'Please leave empty',
    errorTitle: 'Error',
    errorSummary: 'Please correct your entry',
    errorAgain: 'Your details were not saved. Please fill in the form again.',
    errors: {
      email: 'Enter a valid e-mail address, e.g. name@example.com',
      topics: 'Choose at least one topic',
    },
    status: {
      pending: {
        title: 'Please confirm your subscription',
        paragraphs: [
          'You will shortly receive an e-mail with a confirmation link. Please check your inbox and click the link; it is valid for 48 hours.',
          'Your details are not stored until you confirm. Without confirmation you will receive no further e-mails.',
          'No e-mail? Look in your spam folder and check the spelling of your address.',
        ],
        link: 'Sign up again',
      },
      confirmed: {
        title: 'Your subscription is confirmed',
        paragraphs: [
          'From now on you will receive e-mails on the topics you chose.',
          'You can unsubscribe at any time with the link at the end of every e-mail. Your address is then deleted.',
        ],
        link: 'Go to the press releases',
      },
      invalidLink: {
        title: 'This link is invalid or has expired',
        paragraphs: [
          'Nothing was stored or changed.',
          'If you would like e-mail alerts, please sign up again using the form.',
        ],
        link: 'Go to the sign-up form',
      },
      unsubscribed: {
        title: 'You have unsubscribed',
        paragraphs: [
          'Your e-mail address has been deleted. You will receive no more e-mail alerts.',
          'You can sign up again at any time.',
        ],
        link: 'Go to the sign-up form',
      },
    },
  },
} as const satisfies Record<
  Locale,
  {
    topics: Record<SubscriptionTopic, string>
    languages: Record<Locale, string>
    errors: Record<SubscriptionErrorField, string>
    status: Record<SubscriptionStatus, StatusText>
    [key: string]: unknown
  }
>

export type SubscriptionText = (typeof text)['de']

export const subscriptionText = (locale: Locale): SubscriptionText => text[locale] as SubscriptionText
