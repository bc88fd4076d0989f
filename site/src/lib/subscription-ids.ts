import {
  SUBSCRIPTION_TOPICS,
  type SubscriptionErrorField,
  type SubscriptionTopic,
} from '@masterplan/shared/subscriptions'

/** Element ids the form and the error summary share: the summary links to the field in trouble. */
export const topicId = (topic: SubscriptionTopic) => `thema-${topic}`
export const errorMessageId = (field: SubscriptionErrorField) => `${field}-fehler`

/** The first control of a field, which the summary's link moves focus to (GOV.UK pattern). */
export const fieldTarget = (field: SubscriptionErrorField) =>
  field === 'email' ? 'email' : topicId(SUBSCRIPTION_TOPICS[0])
